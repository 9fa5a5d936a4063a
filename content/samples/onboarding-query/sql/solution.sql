-- Users who signed up in the last 30 days (today is params.today) and have
-- not completed onboarding: columns id and email, ordered by id.
--
-- created_at is compared as text against a half-open range of dates, so an
-- index on users (created_at) can serve it: 'YYYY-MM-DD HH:MM:SS' sorts after
-- 'YYYY-MM-DD' of the same day and before the next day's date. NOT EXISTS
-- yields each user once, however many onboarding rows they have, and counts
-- users without any onboarding row as not completed.
SELECT u.id, u.email
FROM users AS u
CROSS JOIN params AS p
WHERE u.created_at >= date(p.today, '-30 days')
  AND u.created_at < date(p.today, '+1 day')
  AND NOT EXISTS (
    SELECT 1
    FROM onboarding AS o
    WHERE o.user_id = u.id
      AND o.completed_at IS NOT NULL
  )
ORDER BY u.id;
