/// The constants of 2.6.28's `include/linux/skbuff.h` that the model needs.
public enum Kernel {
    public static let pageSize = 4096
    public static let smpCacheBytes = 64
    public static let maxSkbFrags = 18
    public static let datarefShift: UInt32 = 16
    public static let datarefMask: UInt32 = (1 << 16) - 1
    /// A payload-only reference: `(1 << SKB_DATAREF_SHIFT) + 1`.
    public static let payloadRef: UInt32 = (1 << 16) + 1
    /// Model limit: a buffer above this many bytes (after alignment) is refused.
    public static let maxBufferSize = 16_777_216
    /// Model limit: at most this many segments from one `skb_segment`.
    public static let maxSegments = 4000
    /// Model limit: `len` and `truesize` are `unsigned int` in the kernel; a `frag_list` that
    /// would take one past this is refused (clones on lists nested in lists double it each time).
    public static let maxLength = 4_294_967_295
    /// 4.14's MSG_ZEROCOPY callback: a `set_data_destructor` naming it attaches a msg
    /// completion object, any other name a legacy one (model-later.md §3).
    public static let msgZerocopyCallback = "sock_zerocopy_callback"

    /// `SKB_DATA_ALIGN(x)`: round up to a multiple of `SMP_CACHE_BYTES`.
    public static func dataAlign(_ x: Int) -> Int {
        (x + smpCacheBytes - 1) / smpCacheBytes * smpCacheBytes
    }
}
