#ifndef CFMAPEAK_H
#define CFMAPEAK_H

/// The widest vectors this CPU multiplies and adds in: 512 (AVX-512F), 256 (AVX2 + FMA) or
/// 128 (SSE, a multiply and an add instead of a fused multiply-add).
int descent_fma_vector_bits(void);

/// Runs `iterations` rounds of twelve independent multiply-add chains in the widest vectors
/// the CPU has, on the calling thread, and returns the floating-point operations done.
/// Twelve chains cover the latency of two FMA units of four to six cycles each, so the loop
/// runs at the core's arithmetic peak: the limit no matrix product can beat.
double descent_fma_chains(long iterations);

#endif
