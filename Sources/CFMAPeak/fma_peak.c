#include "CFMAPeak.h"
#include <immintrin.h>

// Each chain is x = x * a + b; the results go into a sink so the compiler keeps every chain.
static volatile float sink;

#define TWELVE(OP) OP(0) OP(1) OP(2) OP(3) OP(4) OP(5) OP(6) OP(7) OP(8) OP(9) OP(10) OP(11)

__attribute__((target("avx512f")))
static void chains512(long iterations) {
    __m512 a = _mm512_set1_ps(0.999f), b = _mm512_set1_ps(0.001f);
#define DECLARE(i) __m512 x##i = _mm512_set1_ps(1.0f + i);
#define STEP(i) x##i = _mm512_fmadd_ps(x##i, a, b);
#define SUM(i) s = _mm512_add_ps(s, x##i);
    TWELVE(DECLARE)
    for (long n = 0; n < iterations; n++) { TWELVE(STEP) }
    __m512 s = _mm512_setzero_ps();
    TWELVE(SUM)
    sink = _mm512_reduce_add_ps(s);
#undef DECLARE
#undef STEP
#undef SUM
}

__attribute__((target("avx2,fma")))
static void chains256(long iterations) {
    __m256 a = _mm256_set1_ps(0.999f), b = _mm256_set1_ps(0.001f);
#define DECLARE(i) __m256 x##i = _mm256_set1_ps(1.0f + i);
#define STEP(i) x##i = _mm256_fmadd_ps(x##i, a, b);
#define SUM(i) s = _mm256_add_ps(s, x##i);
    TWELVE(DECLARE)
    for (long n = 0; n < iterations; n++) { TWELVE(STEP) }
    __m256 s = _mm256_setzero_ps();
    TWELVE(SUM)
    float lanes[8];
    _mm256_storeu_ps(lanes, s);
    sink = lanes[0];
#undef DECLARE
#undef STEP
#undef SUM
}

static void chains128(long iterations) {
    __m128 a = _mm_set1_ps(0.999f), b = _mm_set1_ps(0.001f);
#define DECLARE(i) __m128 x##i = _mm_set1_ps(1.0f + i);
#define STEP(i) x##i = _mm_add_ps(_mm_mul_ps(x##i, a), b);
#define SUM(i) s = _mm_add_ps(s, x##i);
    TWELVE(DECLARE)
    for (long n = 0; n < iterations; n++) { TWELVE(STEP) }
    __m128 s = _mm_setzero_ps();
    TWELVE(SUM)
    sink = _mm_cvtss_f32(s);
#undef DECLARE
#undef STEP
#undef SUM
}

int descent_fma_vector_bits(void) {
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) return 512;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return 256;
    return 128;
}

double descent_fma_chains(long iterations) {
    int bits = descent_fma_vector_bits();
    if (bits == 512) chains512(iterations);
    else if (bits == 256) chains256(iterations);
    else chains128(iterations);
    // 12 chains, bits / 32 lanes each, a multiply and an add per lane and round.
    return (double)iterations * 12 * (bits / 32) * 2;
}
