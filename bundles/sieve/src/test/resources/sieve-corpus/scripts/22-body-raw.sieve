require ["body", "fileinto"];
if body :raw :contains "SGVsbG8" { fileinto "Base64Raw"; }
if body :raw :contains "Gr=C3=BC" { fileinto "QPRaw"; }
