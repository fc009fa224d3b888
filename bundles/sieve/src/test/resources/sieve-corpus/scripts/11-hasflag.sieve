require ["fileinto", "imap4flags", "variables", "relational", "comparator-i;ascii-numeric"];
addflag "Urgent";
if hasflag :is "urgent" { fileinto "Has"; }
set "myflags" "a b";
addflag "myflags" "c";
if hasflag :count "eq" :comparator "i;ascii-numeric" "myflags" "3" { fileinto "Three"; }
if hasflag :contains "myflags" "b" { fileinto "B"; }
