require "fileinto";
if true { fileinto "First"; stop; }
fileinto "Never";
