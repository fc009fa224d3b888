require ["index", "fileinto"];
if header :index 2 :contains "received" "client.example.com" { fileinto "SecondHop"; }
if header :index 1 :last :contains "received" "d.example.net" { fileinto "LastHop"; }
if header :index 2 :is "x-test" "second" { fileinto "SecondTest"; }
