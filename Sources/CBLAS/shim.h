#include <cblas.h>

// LAPACK's symmetric eigen-solver, which OpenBLAS ships (libopenblas-dev has no header for it).
void dsyev_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda, double *w, double *work,
            const int *lwork, int *info);
