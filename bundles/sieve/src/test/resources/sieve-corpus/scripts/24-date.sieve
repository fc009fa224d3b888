require ["date", "relational", "fileinto"];
if date :originalzone :is "date" "year" "2003" { fileinto "Old"; }
if date :zone "+0000" :value "lt" "date" "hour" "09" { fileinto "EarlyUTC"; }
if date :originalzone :is "date" "weekday" "3" { fileinto "Wednesday"; }
if date :zone "+0100" :is "date" "date" "2025-03-15" { fileinto "ShiftedDay"; }
