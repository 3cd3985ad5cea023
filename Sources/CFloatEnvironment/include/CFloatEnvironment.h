#ifndef DESCENT_FLOAT_ENVIRONMENT_H
#define DESCENT_FLOAT_ENVIRONMENT_H

// The calling thread's handling of subnormal floats.
//
// x86: MXCSR's FTZ bit (15) flushes subnormal results to zero and DAZ (6) reads subnormal
// inputs as zero, for every SSE/AVX instruction; the x87 unit is untouched. AArch64: FPCR's FZ
// bit (24) does both. Elsewhere these do nothing and report no flushing.

/// Sets flush-to-zero and denormals-are-zero on the calling thread; returns the previous state
/// for descent_restore_float_environment.
static inline unsigned long descent_flush_subnormals(void) {
#if defined(__x86_64__) || defined(__i386__)
    unsigned int old = __builtin_ia32_stmxcsr();
    __builtin_ia32_ldmxcsr(old | 0x8040u);
    return old;
#elif defined(__aarch64__)
    unsigned long old;
    __asm__ volatile("mrs %0, fpcr" : "=r"(old));
    __asm__ volatile("msr fpcr, %0" : : "r"(old | (1ul << 24)));
    return old;
#else
    return 0;
#endif
}

/// Puts back a state returned by descent_flush_subnormals.
static inline void descent_restore_float_environment(unsigned long state) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_ldmxcsr((unsigned int)state);
#elif defined(__aarch64__)
    __asm__ volatile("msr fpcr, %0" : : "r"(state));
#else
    (void)state;
#endif
}

/// Whether the calling thread flushes subnormal results to zero and reads subnormal inputs as zero.
static inline int descent_flushes_subnormals(void) {
#if defined(__x86_64__) || defined(__i386__)
    return (__builtin_ia32_stmxcsr() & 0x8040u) == 0x8040u;
#elif defined(__aarch64__)
    unsigned long state;
    __asm__ volatile("mrs %0, fpcr" : "=r"(state));
    return (state >> 24) & 1;
#else
    return 0;
#endif
}

#endif
