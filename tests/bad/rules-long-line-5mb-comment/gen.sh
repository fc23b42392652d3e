# a 5 MB one-line comment after a valid rule file (1,747,627 x 注)
{
  cat base.fisc
  printf '# '
  yes 注 | head -n 1747627 | tr -d '\n'
  printf '\n'
} > rules.fisc
