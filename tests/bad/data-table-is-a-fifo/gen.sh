mkfifo sub/支出决算表.csv
