#ifndef DESCENT_OPTIMIZERS_SHIMS_H
#define DESCENT_OPTIMIZERS_SHIMS_H

// Square roots the loop vectorizer can turn into sqrtps/sqrtpd.
// Swift's squareRoot() lowers to a call of the C library's sqrtf, which may set errno and so
// keeps the update loops scalar; the element-wise builtin has no such side effect.
static inline float descent_sqrtf(float x) { return __builtin_elementwise_sqrt(x); }
static inline double descent_sqrt(double x) { return __builtin_elementwise_sqrt(x); }

#endif
