require ["fileinto", "variables"];
set "a" "juMBlEd lETteRS";
set :upperfirst :lower "b" "${a}";
set :length "c" "${a}";
set :lowerfirst :upper "d" "${a}";
fileinto "${b}-${c}-${d}";
