python3 -c 'import socket; socket.socket(socket.AF_UNIX).bind("sub/支出决算表.csv")'
