require ["date", "relational", "fileinto"];
if currentdate :value "ge" "year" "2020" { fileinto "Modern"; }
if currentdate :value "lt" "year" "2000" { fileinto "Past"; }
