// hp::numerics: least squares with statsmodels' covariances, weighted logit, quadratic programmes on the simplex.
#include "box.hpp"

#include <optional>

namespace {
namespace hn = hp::numerics;
}  // namespace

void bind_numerics(py::module_& m) {
    py::class_<hn::OlsFit>(m, "OlsFit", "Least squares with classical, HC1 or cluster-robust (CR1) covariance, "
                                        "numbers as statsmodels' OLS.")
        .def_readonly("names", &hn::OlsFit::names)
        .def_readonly("params", &hn::OlsFit::params)
        .def_readonly("bse", &hn::OlsFit::bse)
        .def_readonly("statistic", &hn::OlsFit::statistic)
        .def_readonly("pvalues", &hn::OlsFit::pvalues)
        .def_readonly("ci_low", &hn::OlsFit::ci_low)
        .def_readonly("ci_high", &hn::OlsFit::ci_high)
        .def_readonly("cov", &hn::OlsFit::cov)
        .def_readonly("residuals", &hn::OlsFit::residuals)
        .def_readonly("n_obs", &hn::OlsFit::n_obs)
        .def_readonly("n_params", &hn::OlsFit::n_params)
        .def_readonly("n_clusters", &hn::OlsFit::n_clusters)
        .def_readonly("df_resid", &hn::OlsFit::df_resid)
        .def_readonly("df", &hn::OlsFit::df)
        .def_readonly("ssr", &hn::OlsFit::ssr)
        .def_property_readonly("cov_type", [](const hn::OlsFit& f) { return std::string(hn::to_string(f.cov_type)); })
        .def_readonly("use_t", &hn::OlsFit::use_t)
        .def_readonly("confidence_level", &hn::OlsFit::confidence_level)
        .def("wald_test", [](const hn::OlsFit& f, const std::vector<std::size_t>& terms) {
                 const auto w = hn::wald_test(f, terms);
                 return py::make_tuple(w.statistic, w.pvalue, w.df_num, w.df_denom, w.f);
             }, py::arg("terms"),
             "Joint test that the coefficients (indices) are zero: (statistic, pvalue, df_num, df_denom, is_f).");

    m.def(
        "ols",
        [](const Eigen::MatrixXd& X, const Eigen::VectorXd& y, std::vector<std::string> names, std::string_view cov_type,
           bool use_t, double confidence_level, const std::optional<IndexArray>& clusters) {
            hn::OlsOptions o;
            o.cov_type = hn::parse_cov_type(cov_type);
            o.use_t = use_t;
            o.confidence_level = confidence_level;
            std::span<const std::int64_t> c;
            if (clusters) c = as_span(*clusters, "cluster codes");
            if (o.cov_type == hn::CovType::cluster && !clusters)
                throw hp::DomainError("cov_type \"cluster\" needs groups= (one cluster code per row)");
            return hn::ols(X, y, std::move(names), o, c);
        },
        py::arg("X"), py::arg("y"), py::arg("names"), py::arg("cov_type") = "nonrobust", py::arg("use_t") = true,
        py::arg("confidence_level") = 0.95, py::arg("clusters") = py::none(), py::call_guard<Interruptible>(),
        "Least squares of y on the columns of X (add a column of ones for an intercept), numbers as statsmodels' OLS.\n"
        "cov_type: 'nonrobust' (sigma^2 (X'X)^-1), 'HC1' (White's, N/(N-K) corrected) or 'cluster' (CR1, needs "
        "clusters=, one code per row). use_t: Student t with N-K (G-1 with clusters) degrees of freedom, else the "
        "normal. confidence_level: the level of ci_low/ci_high.");

    m.def(
        "wald_test",
        [](const Eigen::VectorXd& params, const Eigen::MatrixXd& cov, const std::vector<std::size_t>& terms, double df,
           bool use_t) {
            // the test needs only these fields of a fit: a fit rebuilt from them (e.g. after unpickling) tests alike
            if (cov.rows() != params.size() || cov.cols() != params.size())
                throw hp::DomainError("wald_test: cov must be a square matrix with one row per coefficient");
            hn::OlsFit f;
            f.names.resize(static_cast<std::size_t>(params.size()));
            f.params = params;
            f.cov = cov;
            f.df = df;
            f.use_t = use_t;
            const auto w = hn::wald_test(f, terms);
            return py::make_tuple(w.statistic, w.pvalue, w.df_num, w.df_denom, w.f);
        },
        py::arg("params"), py::arg("cov"), py::arg("terms"), py::arg("df"), py::arg("use_t"),
        "Joint Wald test that the coefficients (indices) are zero, from the estimates and their covariance: "
        "(statistic, pvalue, df_num, df_denom, is_f).");

    m.def("critical_value", &hn::critical_value, py::arg("confidence_level"), py::arg("df"),
          "The two-sided critical value of Student's t with df degrees of freedom (the normal for df = inf).");

    m.def(
        "logit",
        [](const Eigen::MatrixXd& x, const Eigen::VectorXd& y, std::optional<Eigen::VectorXd> w) {
            const auto f = hn::logit(x, y, w ? *w : Eigen::VectorXd(), "logit");
            return py::make_tuple(f.coefficients, f.fitted, f.iterations);
        },
        py::arg("x"), py::arg("y"), py::arg("weights") = py::none(),
        "Weighted logit by IRLS (the propensity score of att_gt): (coefficients, fitted, iterations).");
    py::class_<hn::SimplexQPResult>(m, "SimplexQPResult", "Minimiser of a quadratic on the probability simplex.")
        .def_readonly("w", &hn::SimplexQPResult::w)
        .def_readonly("objective", &hn::SimplexQPResult::objective)
        .def_readonly("multiplier", &hn::SimplexQPResult::multiplier)
        .def_readonly("kkt_residual", &hn::SimplexQPResult::kkt_residual)
        .def_readonly("iterations", &hn::SimplexQPResult::iterations)
        .def_readonly("converged", &hn::SimplexQPResult::converged);
    m.def("simplex_qp", [](const Eigen::MatrixXd& H, const Eigen::VectorXd& c, double tolerance) {
              hn::SimplexQPOptions o;
              o.tolerance = tolerance;
              return hn::simplex_qp(H, c, o);
          }, py::arg("H"), py::arg("c"), py::arg("tolerance") = 1e-12,
          "Minimise 0.5 w'Hw + c'w subject to w >= 0, sum(w) = 1 (H positive semidefinite), by an exact active set.");
    m.def("simplex_least_squares", [](const Eigen::MatrixXd& A, const Eigen::VectorXd& b) { return hn::simplex_least_squares(A, b); },
          py::arg("A"), py::arg("b"), "Minimise ||A w - b||^2 subject to w >= 0, sum(w) = 1.");
}
