require ["virustest", "relational", "comparator-i;ascii-numeric", "fileinto"];
if virustest :value "eq" :comparator "i;ascii-numeric" "5" { fileinto "Virus"; }
if virustest :value "eq" :comparator "i;ascii-numeric" "1" { fileinto "NoVirus"; }
if virustest :value "eq" :comparator "i;ascii-numeric" "3" { fileinto "Maybe"; }
