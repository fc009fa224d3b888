require ["editheader", "fileinto"];
addheader "X-Hermod-Filtered" "yes";
if header :is "x-hermod-filtered" "yes" { fileinto "Edited"; }
deleteheader "x-test";
if not exists "x-test" { fileinto "NoXTest"; }
