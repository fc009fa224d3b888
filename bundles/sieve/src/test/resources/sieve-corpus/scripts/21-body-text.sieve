require ["body", "fileinto"];
if body :text :contains "invoice" { fileinto "Invoices"; }
if body :contains "please test" { fileinto "Testing"; }
