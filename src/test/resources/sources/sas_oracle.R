# The oracle for SasIT: R's haven (ReadStat, an independent reader) reads a SAS data set and writes its rows as CSV,
# every number with 17 significant digits (so the CSV holds each double exactly), a missing value as an empty cell.
#
#     Rscript src/test/resources/sources/sas_oracle.R IN.sas7bdat OUT.csv     (R 4.2.2, haven 2.5.1 when written)
#     Rscript src/test/resources/sources/sas_oracle.R --example                (prints the path of haven's iris.sas7bdat,
#                                                                               which SAS 9.4 wrote)
args <- commandArgs(trailingOnly = TRUE)
if (length(args) == 1 && args[1] == "--example") {
  cat(system.file("examples", "iris.sas7bdat", package = "haven"))
  quit(status = 0)
}
d <- as.data.frame(haven::read_sas(args[1]))
text <- which(!vapply(d, is.numeric, logical(1)))
for (n in names(d)) {
  if (is.numeric(d[[n]])) d[[n]] <- ifelse(is.na(d[[n]]), "", sprintf("%.17g", d[[n]]))
}
write.csv(d, args[2], row.names = FALSE, na = "", quote = if (length(text)) text else FALSE)
