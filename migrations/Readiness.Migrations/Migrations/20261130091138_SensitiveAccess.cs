using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readiness.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class SensitiveAccess : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "sensitive_access_reason",
                table: "users",
                type: "character varying(400)",
                maxLength: 400,
                nullable: true
            );

            migrationBuilder.AddColumn<DateOnly>(name: "sensitive_access_until", table: "users", type: "date", nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(name: "sensitive_access_reason", table: "users");

            migrationBuilder.DropColumn(name: "sensitive_access_until", table: "users");
        }
    }
}
