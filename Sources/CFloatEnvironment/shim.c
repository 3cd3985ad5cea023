// Header-only: the functions are static inline in include/CFloatEnvironment.h.
