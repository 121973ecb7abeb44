# The yardstick of the forecast evaluation: R's forecast package on the same weekly series as fts.
# Usage: Rscript bench/forecast/r-methods.R IN.tsv OUT.csv
# IN.tsv: one series a line, "id<TAB>level<TAB>h<TAB>v1 v2 ... vn" (history only, oldest first, weekly).
# OUT.csv: id,method,step,mean,low,high (80 % interval). A method that fails on a series (e.g. stlf on
# under two years) is written as snaive's forecast with method "<name>" and noted on stderr, so every
# method has a forecast for every series, as a planner falling back to seasonal naive would have.
# tbats (slow) runs on region totals only ("level" == "region").
suppressPackageStartupMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
lines <- readLines(args[1])
out <- file(args[2], "w")
writeLines("id,method,step,mean,low,high", out)

fourier_arima <- function(y, h) {
  # Annual seasonality as Fourier terms, K chosen by AICc (1..3), ARIMA errors chosen by auto.arima.
  best <- NULL
  for (k in 1:3) {
    fit <- tryCatch(auto.arima(y, xreg = fourier(y, K = k), seasonal = FALSE), error = function(e) NULL)
    if (!is.null(fit) && (is.null(best) || fit$aicc < best$fit$aicc)) best <- list(fit = fit, k = k)
  }
  if (is.null(best)) stop("no arima fit")
  forecast(best$fit, xreg = fourier(y, K = best$k, h = h), level = 80)
}

methods <- list(
  snaive = function(y, h) snaive(y, h = h, level = 80),
  arima_fourier = fourier_arima,
  ets = function(y, h) forecast(ets(y), h = h, level = 80),
  stlf = function(y, h) stlf(y, h = h, level = 80),
  thetaf = function(y, h) thetaf(y, h = h, level = 80),
  tbats = function(y, h) forecast(tbats(y, use.parallel = FALSE), h = h, level = 80)
)

for (line in lines) {
  parts <- strsplit(line, "\t")[[1]]
  id <- parts[1]; level <- parts[2]; h <- as.integer(parts[3])
  y <- ts(as.numeric(strsplit(parts[4], " ")[[1]]), frequency = 52)
  fallback <- snaive(y, h = h, level = 80)
  for (name in names(methods)) {
    if (name == "tbats" && level != "region") next
    f <- suppressWarnings(tryCatch(methods[[name]](y, h), error = function(e) {
      message(sprintf("%s %s: %s; seasonal naive instead", id, name, conditionMessage(e)))
      fallback
    }))
    mean <- pmax(as.numeric(f$mean), 0)
    low <- pmax(as.numeric(f$lower[, 1]), 0)
    high <- as.numeric(f$upper[, 1])
    writeLines(sprintf("%s,%s,%d,%.4f,%.4f,%.4f", id, name, seq_len(h), mean, low, high), out)
  }
}
close(out)
