require ["envelope", "subaddress", "fileinto", "variables"];
if envelope :detail :matches "to" "*" { fileinto "detail-${1}"; }
if envelope :user :is "to" "jane" { fileinto "user-jane"; }
