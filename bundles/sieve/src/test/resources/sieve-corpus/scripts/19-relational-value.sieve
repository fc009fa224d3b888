require ["relational", "comparator-i;ascii-numeric", "fileinto"];
if header :value "ge" :comparator "i;ascii-numeric" "x-spam-score" "7" { fileinto "Spammy"; }
elsif header :value "lt" :comparator "i;ascii-numeric" "x-spam-score" "2" { fileinto "Clean"; }
if header :value "gt" "subject" "M" { fileinto "AfterM"; }
