if exists "list-id" { redirect "archive@example.org"; }
