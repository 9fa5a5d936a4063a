-- Users who signed up in the last 30 days (today is params.today) and have
-- not completed onboarding: columns id and email, ordered by id.
SELECT id, email
FROM users
ORDER BY id;
