// Shim over the GNU Scientific Library for Swift.
// HAVE_INLINE makes GSL's uniform draws inline into Swift code.
#ifndef ALVH_CGSL_SHIM_H
#define ALVH_CGSL_SHIM_H

#define HAVE_INLINE 1
#define GSL_C99_INLINE 1
#define GSL_RANGE_CHECK_OFF 1

#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_sf_bessel.h>
#include <gsl/gsl_sf_result.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_chebyshev.h>

/// The null-terminated list of every generator type GSL knows.
static inline const gsl_rng_type * const *cgsl_rng_types(void) {
    return (const gsl_rng_type * const *)gsl_rng_types_setup();
}

/// The Nelder-Mead simplex minimiser (read through a function: a C global is not concurrency-safe in Swift).
static inline const gsl_multimin_fminimizer_type *cgsl_nmsimplex2(void) {
    return gsl_multimin_fminimizer_nmsimplex2;
}

/// Gauss-Hermite fixed quadrature (read through a function, as above).
static inline const gsl_integration_fixed_type *cgsl_fixed_hermite(void) {
    return gsl_integration_fixed_hermite;
}

/// The Sobol quasi-random generator type (read through a function, as above).
static inline const gsl_qrng_type *cgsl_qrng_sobol(void) {
    return gsl_qrng_sobol;
}

/// Brent's bracketing root solver (read through a function, as above).
static inline const gsl_root_fsolver_type *cgsl_brent(void) {
    return gsl_root_fsolver_brent;
}

#endif
