require "fileinto";
if exists ["from", "message-id"] { fileinto "HasId"; }
if not exists "subject" { fileinto "NoSubject"; }
