-- The account's units still covered on $from (the first day after the quarter) whose support ends from $from to $until.
SELECT i.serial_number, i.model, i.platform, i.contract_id, i.end_of_support
FROM installed_base i JOIN contracts k ON k.contract_id = i.contract_id
WHERE k.account_id = $a
  AND i.end_of_support BETWEEN $from AND $until
  AND coalesce(i.covered_to, k.end_date) >= $from
  AND i.covered_from <= $from
ORDER BY i.end_of_support, i.serial_number, i.contract_id
