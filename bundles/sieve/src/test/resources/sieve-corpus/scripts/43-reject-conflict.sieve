require ["reject", "fileinto"];
fileinto "Somewhere";
reject "no";
