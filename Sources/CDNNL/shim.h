// oneDNN (Debian: apt-get install libdnnl-dev), the CPU deep-learning library that PyTorch and
// TensorFlow use: `dnnl_sgemm` picks AVX-512 / AVX2 / SSE kernels from the CPU's feature bits.
#if !__has_include(<oneapi/dnnl/dnnl.h>)
#error "oneDNN is missing: apt-get install libdnnl-dev"
#endif
#include <oneapi/dnnl/dnnl.h>

// Debian's oneDNN runs its threads on GNU OpenMP (libgomp). A call to dnnl_sgemm uses as many
// threads as the calling thread's OpenMP setting allows; these two read and set it.
int omp_get_max_threads(void);
void omp_set_num_threads(int threads);
