import CBLAS

/// The eigen-decomposition of a small dense symmetric matrix, by LAPACK's `dsyev`: the
/// principal plane's Gram matrix, Lanczos's tridiagonal matrix.
enum SymmetricEigen {
    /// Eigenvalues (largest first) and their eigenvectors of a symmetric `n` × `n` matrix.
    static func solve(_ matrix: [Double], n: Int) throws -> (values: [Double], vectors: [[Double]]) {
        var a = matrix, w = [Double](repeating: 0, count: n), info: Int32 = 0, size = Int32(n)
        var lwork: Int32 = -1, query = 0.0
        dsyev_("V", "U", &size, &a, &size, &w, &query, &lwork, &info)
        lwork = Int32(query)
        var work = [Double](repeating: 0, count: Int(lwork))
        dsyev_("V", "U", &size, &a, &size, &w, &work, &lwork, &info)
        guard info == 0 else { throw LandscapeError("LAPACK dsyev failed (info \(info))") }
        // Ascending from LAPACK, each vector a column (column-major): largest first.
        let order = (0..<n).reversed()
        return (order.map { w[$0] }, order.map { k in (0..<n).map { a[k * n + $0] } })
    }
}
