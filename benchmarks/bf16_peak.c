// The peak multiply-add rate one core reaches with fp32 FMAs (vfmadd231ps) and with AVX512-BF16 dot
// products (vdpbf16ps), each on 512-bit registers with enough independent accumulators to hide
// the instructions' latency. It bounds what bf16 matrix products can gain over fp32 ones on a CPU
// without AMX: a bf16 product kernel cannot beat the rate of the instruction it is built from.
//
// Build and run (docs/performance.md):
//   gcc -O3 -mavx512f -mavx512bf16 -o /tmp/bf16_peak benchmarks/bf16_peak.c && /tmp/bf16_peak
// (the accumulators must stay in registers: check that `objdump -d` shows 12 vfmadd231ps and
// 12 vdpbf16ps on zmm registers in the two loops)
#include <immintrin.h>
#include <stdio.h>
#include <time.h>

enum { accumulators = 12, iterations = 50000000 };

static double seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

// FLOPs per second of `iterations` rounds of 12 independent fp32 FMAs: 16 lanes × 2 FLOPs each.
static double fp32Rate(void) {
    __m512 acc[accumulators];
    for (int i = 0; i < accumulators; i++) acc[i] = _mm512_set1_ps((float)i);
    __m512 x = _mm512_set1_ps(1.0f), y = _mm512_set1_ps(1e-9f);
    double start = seconds();
    for (long n = 0; n < iterations; n++) {
#pragma GCC unroll 12
        for (int i = 0; i < accumulators; i++) acc[i] = _mm512_fmadd_ps(x, y, acc[i]);
        __asm__ volatile("" : "+v"(x));
    }
    double elapsed = seconds() - start;
    float sink = 0;
    for (int i = 0; i < accumulators; i++) sink += _mm512_reduce_add_ps(acc[i]);
    if (sink == 42) printf(" ");
    return (double)iterations * accumulators * 16 * 2 / elapsed;
}

// FLOPs per second of `iterations` rounds of 12 independent bf16 dot products: each adds two bf16
// products into each of 16 fp32 lanes, 64 FLOPs an instruction.
static double bf16Rate(void) {
    __m512 acc[accumulators];
    for (int i = 0; i < accumulators; i++) acc[i] = _mm512_set1_ps((float)i);
    __m512bh x = _mm512_cvtne2ps_pbh(_mm512_set1_ps(1.0f), _mm512_set1_ps(1.0f));
    __m512bh y = _mm512_cvtne2ps_pbh(_mm512_set1_ps(1e-9f), _mm512_set1_ps(1e-9f));
    double start = seconds();
    for (long n = 0; n < iterations; n++) {
#pragma GCC unroll 12
        for (int i = 0; i < accumulators; i++) acc[i] = _mm512_dpbf16_ps(acc[i], x, y);
        __asm__ volatile("" : "+v"(x));
    }
    double elapsed = seconds() - start;
    float sink = 0;
    for (int i = 0; i < accumulators; i++) sink += _mm512_reduce_add_ps(acc[i]);
    if (sink == 42) printf(" ");
    return (double)iterations * accumulators * 16 * 2 * 2 / elapsed;
}

int main(void) {
    for (int round = 1; round <= 3; round++) {
        double fp32 = fp32Rate(), bf16 = bf16Rate();
        printf("round %d: fp32 FMA %.1f GFLOP/s, bf16 dot %.1f GFLOP/s, bf16/fp32 %.2f\n",
               round, fp32 * 1e-9, bf16 * 1e-9, bf16 / fp32);
    }
    return 0;
}
