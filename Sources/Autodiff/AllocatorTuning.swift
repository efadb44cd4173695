import CMalloc

/// Makes glibc's allocator keep freed memory for reuse instead of handing it back to the kernel.
///
/// A training step allocates and frees the same large activation and gradient buffers every step.
/// By default glibc serves allocations above its mmap threshold (at most 32 MiB, adjusted as memory
/// is freed) with fresh mappings and unmaps them on free, so every step page-faults and the kernel
/// zeroes the pages again: at batch 32 × 128 tokens that was over 40% of a step's time. With mmap
/// off and trimming off, freed blocks stay in the heap and the next step reuses them. Peak resident
/// memory is unchanged in principle (the same live bytes), and the process's resident size no longer
/// shrinks between steps.
public enum AllocatorTuning {
    /// Applies the settings; call once at start-up, before the large allocations.
    public static func keepFreedMemoryForReuse() {
        _ = mallopt(M_MMAP_MAX, 0)
        _ = mallopt(M_TRIM_THRESHOLD, Int32.max)
    }
}
