require ["body", "fileinto"];
if body :content "text/plain" :contains "Grüße" { fileinto "German"; }
if body :content "application" :contains "secret" { fileinto "Binary"; }
