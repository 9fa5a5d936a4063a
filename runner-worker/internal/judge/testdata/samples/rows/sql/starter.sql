SELECT name FROM t;
