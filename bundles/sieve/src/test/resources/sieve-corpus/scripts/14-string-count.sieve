require ["fileinto", "variables", "relational", "comparator-i;ascii-numeric"];
set "x" "";
set "y" "value";
if string :count "eq" :comparator "i;ascii-numeric" ["${x}", "${y}", "z"] "2" { fileinto "Two"; }
if string :is "${undefined}" "" { fileinto "Empty"; }
