# an unknown 5 MB name (1,747,627 x 注) in an assert, on one line
{
  cat base.fisc
  printf 'rule R1 "t" { assert '
  yes 注 | head -n 1747627 | tr -d '\n'
  printf ' > 0 }\n'
} > rules.fisc
