#if canImport(Glibc)
import CMalloc
#endif

/// glibc's allocator settings for the long-running commands (the worker, replay).
///
/// By default glibc serves blocks of 128 KB and more (raised as it sees them freed, up to 32 MB)
/// from fresh `mmap`s and gives the top of each heap back to the kernel as soon as 128 KB are
/// free. A worker allocates and frees a batch's buffers (messages, parsed works, JSON) several
/// times a second, so the same memory went back and forth: page faults zeroing new pages and
/// `mprotect` growing thread heaps took ~7% of its CPU. Keeping up to 256 MB of free heap and
/// serving blocks below 32 MB from it stops that; peak RSS did not move (the pages are reused,
/// not added).
enum WorkerAllocator {
    static func configure() {
        #if canImport(Glibc)
        _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, 256 << 20)
        _ = mallopt(M_TOP_PAD, 16 << 20)
        #endif
    }
}
