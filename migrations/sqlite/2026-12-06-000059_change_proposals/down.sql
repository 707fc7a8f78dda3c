DROP TABLE change_proposals;
