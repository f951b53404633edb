"""The officer's desk (收件、审核、补正、需求目录、报送、遴选)."""
