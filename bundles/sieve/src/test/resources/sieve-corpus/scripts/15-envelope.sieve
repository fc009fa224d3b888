require ["envelope", "fileinto"];
if envelope :localpart :is "from" "sender" { fileinto "FromSender"; }
if envelope :domain :is "to" "example.org" { fileinto "ToOrg"; }
if envelope :all :is "to" "jane+lists@example.org" { fileinto "ExactTo"; }
