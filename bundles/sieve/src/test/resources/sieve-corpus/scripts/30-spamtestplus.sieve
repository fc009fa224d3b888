require ["spamtestplus", "relational", "comparator-i;ascii-numeric", "fileinto"];
if spamtest :percent :value "ge" :comparator "i;ascii-numeric" "75" { fileinto "P75"; }
if spamtest :percent :value "lt" :comparator "i;ascii-numeric" "20" { fileinto "P20"; }
