require ["fileinto", "imap4flags"];
if header :contains "subject" "=" { fileinto "Never"; }
fileinto :flags "\\Answered $Label1" "Flagged";
addflag "\\Deleted";
fileinto "WithInternal";
