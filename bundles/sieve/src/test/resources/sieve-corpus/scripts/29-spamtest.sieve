require ["spamtest", "relational", "comparator-i;ascii-numeric", "fileinto"];
if spamtest :value "ge" :comparator "i;ascii-numeric" "8" { fileinto "Spam"; }
elsif spamtest :value "eq" :comparator "i;ascii-numeric" "0" { fileinto "Unscanned"; }
elsif spamtest :value "le" :comparator "i;ascii-numeric" "2" { fileinto "Ham"; }
