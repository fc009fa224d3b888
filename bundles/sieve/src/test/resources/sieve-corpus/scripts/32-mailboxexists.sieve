require ["mailbox", "fileinto"];
if mailboxexists "INBOX" { fileinto "InboxExists"; }
if mailboxexists "Does-Not-Exist" { fileinto "Wrong"; }
fileinto :create "Created";
