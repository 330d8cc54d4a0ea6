using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readiness.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class NotificationReference : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "reference",
                table: "notifications",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(name: "reference", table: "notifications");
        }
    }
}
