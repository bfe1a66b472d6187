# An independent SAS writer for the tests: R's haven (ReadStat) writes data/categorical/bank1.csv as the SAS data set
# cat_bank1_haven.sas7bdat, which openlgd reads with parso. Missing cells (empty in the CSV) are SAS missing values:
# "." for numbers, "" for text. Written with R 4.2.2 and haven 2.5.1 (Debian bookworm: apt-get install r-cran-haven):
#
#     Rscript src/test/resources/sources/write_sas_haven.R
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
root <- normalizePath(file.path(here, "..", "..", "..", ".."))
d <- read.csv(file.path(root, "data", "categorical", "bank1.csv"), colClasses = c("numeric", "numeric", "numeric",
  "numeric", "numeric", "character", "character"), na.strings = c("", "NA"))
# haven's write_sas is deprecated in favour of write_xpt, but it is the independent sas7bdat writer there is
suppressWarnings(haven::write_sas(d, file.path(here, "cat_bank1_haven.sas7bdat")))
cat("wrote", nrow(d), "rows with R", as.character(getRversion()), "and haven",
  as.character(packageVersion("haven")), "\n")
