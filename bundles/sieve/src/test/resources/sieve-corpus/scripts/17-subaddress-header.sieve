require ["subaddress", "fileinto", "variables"];
if address :detail :matches "from" "*" { fileinto "from-detail-${1}"; }
elsif address :user :is "from" "alice" { fileinto "alice"; }
