require ["editheader", "index", "fileinto"];
deleteheader :index 1 "x-test";
if header :is "x-test" "first" { fileinto "StillFirst"; }
if header :is "x-test" "second" { fileinto "SecondLeft"; }
