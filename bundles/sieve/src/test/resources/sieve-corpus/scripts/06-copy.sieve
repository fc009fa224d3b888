require ["copy", "fileinto"];
redirect :copy "backup@example.org";
if size :over 1K { fileinto :copy "Large"; }
